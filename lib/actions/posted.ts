// What a server action was really sent. Forms post a FormData, but a hand-made request can send
// any argument list (React decodes whatever it is given); read through postedForm, such a request
// is answered like an empty form — a validation error — instead of failing with a TypeError (500).
// A field named "__proto__" is dropped: no form has one, and formToObject would otherwise make
// its value (a file, say) the prototype of the parsed object.
export function postedForm(formData: unknown): FormData {
  if (!(formData instanceof FormData)) return new FormData();
  if (!formData.has("__proto__")) return formData;
  const copy = new FormData();
  for (const [key, value] of formData) if (key !== "__proto__") copy.append(key, value);
  return copy;
}
