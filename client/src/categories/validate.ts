import { colorSchema } from '../../../sync/protocol/fields';
import { LIMITS } from '../../../sync/protocol/mutations';

export type CategoryDraft = {
  name: string;
  color: string;
};

export type CategoryErrors = Partial<Record<keyof CategoryDraft, string>>;

const n = (count: number) => count.toLocaleString('en');
const sameName = (a: string, b: string) => a.trim().localeCompare(b.trim(), undefined, { sensitivity: 'accent' }) === 0;

/**
 * What is wrong with a category draft, as sentences for the fields. The mutation's schema
 * (sync/protocol/mutations.ts) checks name and colour on the device and the server; this says it
 * earlier, and also refuses a name another category has (`others`), which would make the ticket
 * filters ambiguous.
 */
export function categoryErrors(d: CategoryDraft, others: readonly { name: string }[] = []): CategoryErrors {
  const errors: CategoryErrors = {};
  const name = d.name.trim();
  if (!name) errors.name = 'Enter a name for the category.';
  else if (name.length > LIMITS.name) errors.name = `The name can be at most ${n(LIMITS.name)} characters.`;
  else if (others.some((o) => sameName(o.name, name))) errors.name = `There is already a category called ${name}.`;
  if (!colorSchema.safeParse(d.color).success) errors.color = 'Pick a colour.';
  return errors;
}
