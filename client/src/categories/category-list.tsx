import { ReferenceList, type ReferenceListEvents } from '../components/reference-list';
import type { Category } from '../stores/categories-store';
import { device } from '../sync/device';
import { colorName } from './palette';
import './categories.css';

/**
 * Every ticket category with Edit and Delete. Deleting says what happens to its tickets: they stay,
 * uncategorised (the database sets their category to none and sends them to every device).
 */
export function CategoryList(props: ReferenceListEvents<Category> & { rows: Category[] }) {
  return (
    <ReferenceList<Category>
      {...props}
      entity="category"
      noun="category"
      empty="No categories yet. Add the first one with the form."
      remove={(category) => device.mutate('category.delete', { id: category.id, baseVersion: category.version })}
      afterDelete={(category) => <p>Tickets in {category.name} stay; they will show “Uncategorised”.</p>}
      details={(category) => (
        <>
          <p class="reference-item__name category-item__name">
            <span class="swatch category-item__swatch" style={{ background: category.color }} aria-hidden="true" />
            {category.name}
          </p>
          <p class="muted">{colorName(category.color)}</p>
        </>
      )}
    />
  );
}
