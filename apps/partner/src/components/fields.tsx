import {
  FormControl,
  FormHelperText,
  type InputBaseComponentProps,
  InputLabel,
  OutlinedInput,
  type SxProps,
  type Theme,
} from "@mui/material";

type FieldProps = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The field's error in the reader's language (useApiErrors().fieldErrors), shown instead of `help`. */
  error?: string | undefined;
  help?: string | undefined;
  required?: boolean;
  type?: string;
  autoComplete?: string;
  autoFocus?: boolean;
  disabled?: boolean;
  fullWidth?: boolean;
  size?: "small" | "medium";
  sx?: SxProps<Theme>;
  slotProps?: { htmlInput?: InputBaseComponentProps };
};

/**
 * A text field bound to its state and to its error, drawn as Material UI's outlined TextField from
 * its parts: TextField also brings Select, Menu and Popover (8 KB gzip of the sign-in page).
 */
export function FormField({ id, label, value, onChange, error, help, required, slotProps, ...props }: FieldProps) {
  const helper = error ?? help;
  const helperId = helper ? `${id}-helper-text` : undefined;
  return (
    <FormControl
      variant="outlined"
      error={Boolean(error)}
      required={Boolean(required)}
      disabled={Boolean(props.disabled)}
      fullWidth={Boolean(props.fullWidth)}
      size={props.size ?? "medium"}
      sx={props.sx ?? []}
    >
      <InputLabel htmlFor={id}>{label}</InputLabel>
      <OutlinedInput
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        // The notch in the outline is as wide as the label, with its asterisk.
        label={required ? `${label} *` : label}
        type={props.type ?? "text"}
        {...(props.autoComplete ? { autoComplete: props.autoComplete } : {})}
        autoFocus={Boolean(props.autoFocus)}
        inputProps={slotProps?.htmlInput ?? {}}
        {...(helperId ? { "aria-describedby": helperId } : {})}
      />
      {helper ? <FormHelperText id={helperId}>{helper}</FormHelperText> : null}
    </FormControl>
  );
}

/** The address one signs in with (the browser offers the saved one); required unless said otherwise. */
export const EmailField = (props: FieldProps) => <FormField type="email" autoComplete="username" required {...props} />;

/** A password, the current one unless `autoComplete="new-password"`; required unless said otherwise. */
export const PasswordField = (props: FieldProps) => (
  <FormField type="password" autoComplete="current-password" required {...props} />
);
