import { ReferenceForm } from '../components/reference-form';
import { TextInput } from '../components/text-input';
import type { Category } from '../stores/categories-store';
import { device } from '../sync/device';
import { DEFAULT_CATEGORY_COLOR } from '../../../sync/protocol/fields';
import { ColorField } from './color-field';
import { categoryErrors, type CategoryDraft } from './validate';

/** Adds a ticket category, or renames / recolours `category` when given. */
export function CategoryForm(props: {
  category?: Category;
  /** Every category, so a name already in use is refused. */
  categories: Category[];
  onDone: (message: string, id: string) => void;
  onCancel?: () => void;
}) {
  const others = () => props.categories.filter((c) => c.id !== props.category?.id);
  return (
    <ReferenceForm<CategoryDraft, Category>
      noun="category"
      row={props.category}
      values={(c) => ({ name: c?.name ?? '', color: c?.color ?? DEFAULT_CATEGORY_COLOR })}
      errors={(draft) => categoryErrors(draft, others())}
      clean={(v) => ({ name: v.name.trim(), color: v.color.toLowerCase() })}
      create={(id, values) => device.mutate('category.create', { id, ...values })}
      update={(category, patch) => device.mutate('category.update', { id: category.id, baseVersion: category.version, patch })}
      onDone={props.onDone}
      onCancel={props.onCancel}
    >
      {(field) => (
        <>
          <TextInput label="Name" name="name" {...field('name')} />
          <ColorField {...field('color')} />
        </>
      )}
    </ReferenceForm>
  );
}
