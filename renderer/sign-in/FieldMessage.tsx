// Browser runtime. The line under a sign-in field: its rule, or what is wrong with it. The
// line's room is kept whether it says either, so an error never moves the form.
export function FieldMessage({ id, hint, error }: { id: string; hint?: string; error?: string | null }) {
  return (
    <p id={id} className="field-message" data-error={error ? true : undefined}>
      {error ? <span role="alert">{error}</span> : hint}
    </p>
  );
}
