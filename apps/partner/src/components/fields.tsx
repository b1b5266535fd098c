import { TextField, type TextFieldProps } from "@mui/material";

type FieldProps = Omit<TextFieldProps, "value" | "onChange" | "error" | "helperText"> & {
  value: string;
  onChange: (value: string) => void;
  /** The API's message for this field (fieldErrors), shown instead of `help`. */
  error?: string | undefined;
  help?: string | undefined;
};

/** A text field bound to its state and to the API's error for it. */
export function FormField({ onChange, error, help, ...props }: FieldProps) {
  return <TextField {...props} onChange={(e) => onChange(e.target.value)} error={Boolean(error)} helperText={error ?? help} />;
}

/** The address one signs in with (the browser offers the saved one); required unless said otherwise. */
export const EmailField = (props: FieldProps) => <FormField type="email" autoComplete="username" required {...props} />;

/** A password, the current one unless `autoComplete="new-password"`; required unless said otherwise. */
export const PasswordField = (props: FieldProps) => (
  <FormField type="password" autoComplete="current-password" required {...props} />
);
