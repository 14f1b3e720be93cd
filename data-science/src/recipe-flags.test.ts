import { TRAINING_RECIPE_DEFAULTS } from '@rings/ring-model';
import { Command } from 'commander';
import { RECIPE_KEYS, addRecipeOptions, recipeFlagsSchema } from './recipe-flags';

function parseArgs(args: string[]): Record<string, unknown> {
  const command = addRecipeOptions(new Command('train').exitOverride(), RECIPE_KEYS);
  command.parse(args, { from: 'user' });
  return command.opts();
}

describe('recipe flags', () => {
  it('when help is shown, then each flag carries the recipe default and description', () => {
    const help = addRecipeOptions(new Command('train'), RECIPE_KEYS).helpInformation();
    expect(help).toMatch(/--epochs <value>\s+passes over the training split \(default 22\)/);
    expect(help).toMatch(/--batch-size <value>\s+images per gradient step \(default 64\)/);
    expect(help).toMatch(/--num-classes <value>[\s\S]*\(default 7\)/);
    expect(help).toMatch(/--no-augment\s+no random rotations/);
    expect(help).toMatch(/--class-weight <value>[\s\S]*choices: "none", "sqrt", "balanced"/);
  });

  it('when flags are given as text, then they parse to the recipe types and the rest stays absent', () => {
    const flags = recipeFlagsSchema(RECIPE_KEYS).parse(
      parseArgs(['--epochs', '3', '--learning-rate', '0.01']),
    );
    expect(flags).toEqual({ epochs: 3, learningRate: 0.01, augment: TRAINING_RECIPE_DEFAULTS.augment });
  });

  it('when a flag breaks the recipe rules, then parsing names the field', () => {
    const parsed = recipeFlagsSchema(['epochs', 'seed']).safeParse({ epochs: '0', seed: '1.5' });
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['epochs', 'seed']);
  });

  it('when a choice is not allowed, then commander refuses it', () => {
    expect(() => parseArgs(['--schedule', 'step'])).toThrow(/Allowed choices are constant, cosine/);
  });
});
