import { Step, StepLabel, Stepper } from "@mui/material";
import { useI18n } from "../lib/i18n.tsx";

export function ApplyStepper({ active }: { active: 0 | 1 | 2 }) {
  const { t } = useI18n();
  return (
    <Stepper activeStep={active} alternativeLabel sx={{ py: 1 }}>
      {(["apply.step.start", "apply.step.details", "apply.step.submit"] as const).map((k, i) => (
        <Step key={k} completed={i < active || active === 2}>
          <StepLabel>{t(k)}</StepLabel>
        </Step>
      ))}
    </Stepper>
  );
}
