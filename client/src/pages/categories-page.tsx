import { CategoryForm } from '../categories/category-form';
import { CategoryList } from '../categories/category-list';
import { ReferenceAdmin } from '../components/reference-admin';
import { useCategories, type Category } from '../stores/categories-store';

/** Admin: the categories tickets are filed under (name and colour). */
export function CategoriesPage() {
  const categories = useCategories();
  return (
    <ReferenceAdmin<Category>
      title="Categories"
      listTitle="All categories"
      form={(slot) => <CategoryForm category={slot.row} categories={categories()} onDone={slot.onDone} onCancel={slot.onCancel} />}
      list={(events) => <CategoryList rows={categories()} {...events} />}
    />
  );
}
