// Data dictionary editor: shows only the constraint inputs that apply to each column's type and
// disables the others so they are not sent (without JavaScript every input is shown and the
// server reports a constraint that does not apply to the chosen type).
for (const fieldset of document.querySelectorAll('.schema-field')) {
  const type = fieldset.querySelector('select.schema-type');
  if (!type) continue;
  const update = () => {
    for (const group of fieldset.querySelectorAll('.c-group[data-types]')) {
      const applies = group.dataset.types.split(' ').includes(type.value);
      group.hidden = !applies;
      for (const el of group.querySelectorAll('input, textarea, select')) el.disabled = !applies;
    }
  };
  type.addEventListener('change', update);
  update();
}
