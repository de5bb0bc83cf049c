// A labelled password box: the one way the app asks for a password.
export function PasswordField(props: {
  label: string;
  name: string;
  /** `current-password` to fill in a saved one, `new-password` to offer a new one. */
  autoComplete: 'current-password' | 'new-password';
  value: string;
  onChange: (value: string) => void;
  describedBy?: string;
  /** The field's value is what is wrong (aria-invalid). */
  invalid?: boolean;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type="password"
        name={props.name}
        autoComplete={props.autoComplete}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid || undefined}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </label>
  );
}
