// Zod issues as lines a person can act on: "path: message", one per problem.

/** The part of a zod issue these lines use (any zod version's issues fit). */
export interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

export interface IssueLineOptions {
  /** Put before each path, e.g. "--" for CLI flags. */
  prefix?: string;
  /** Shown for an issue about the whole value (default "(root)"). */
  root?: string;
  /** Put before each line (default none). */
  indent?: string;
}

/** One "path: message" line per issue. */
export function zodIssueLines(issues: readonly IssueLike[], options: IssueLineOptions = {}): string[] {
  const { prefix = '', root = '(root)', indent = '' } = options;
  return issues.map((i) => `${indent}${prefix}${i.path.map(String).join('.') || root}: ${i.message}`);
}

/** The lines of zodIssueLines joined by newlines, each indented by two spaces unless told otherwise. */
export function formatZodIssues(issues: readonly IssueLike[], options: IssueLineOptions = {}): string {
  return zodIssueLines(issues, { indent: '  ', ...options }).join('\n');
}
