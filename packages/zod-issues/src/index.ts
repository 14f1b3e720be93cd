// @rings/zod-issues: the one way this project turns zod issues into lines.
export { zodIssueLines, formatZodIssues } from './zod-issues';
export type { IssueLike, IssueLineOptions } from './zod-issues';
