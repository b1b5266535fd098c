import AddIcon from "@mui/icons-material/Add";
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CircularProgress,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { useQuery } from "@tanstack/react-query";
import { Link, Title, useCreatePath, usePermissions } from "react-admin";
import { errorWords } from "../i18n/errors.ts";
import { useT } from "../i18n/index.tsx";
import { day, formatMoney, programsQuery, rulesOf } from "./api.ts";

/** Every program, newest first, with its period, reward and cap; admins create new ones. */
export function ProgramList() {
  const createPath = useCreatePath();
  const { permissions } = usePermissions();
  const programs = useQuery(programsQuery);
  const t = useT();
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={t("incentive_programs")} />
      <CardContent>
        {permissions === "admin" ? (
          <Box sx={{ display: "flex", justifyContent: "flex-end", mb: 1 }}>
            <Button
              component={Link}
              to={createPath({ resource: "incentive-programs", type: "create" })}
              variant="contained"
              startIcon={<AddIcon />}
            >
              {t("new_program")}
            </Button>
          </Box>
        ) : null}
        {programs.isPending ? (
          <CircularProgress aria-label={t("loading_programs")} />
        ) : programs.error ? (
          <Alert severity="error">{errorWords(programs.error)}</Alert>
        ) : programs.data.data.length === 0 ? (
          <Typography color="text.secondary">{t("no_programs")}</Typography>
        ) : (
          <TableContainer>
            <Table size="small" aria-label={t("incentive_programs")}>
              <TableHead>
                <TableRow>
                  <TableCell>{t("program")}</TableCell>
                  <TableCell>{t("period")}</TableCell>
                  <TableCell>{t("markets")}</TableCell>
                  <TableCell align="right">{t("reward_per_seller")}</TableCell>
                  <TableCell align="right">{t("cap_per_partner")}</TableCell>
                  <TableCell>{t("statements_close")}</TableCell>
                  <TableCell align="right">{t("version")}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {programs.data.data.map((p) => {
                  const r = rulesOf(p);
                  return (
                    <TableRow key={p.id} hover>
                      <TableCell>
                        <Link to={createPath({ resource: "incentive-programs", id: p.id, type: "show" })}>{p.name}</Link>
                        <Typography variant="body2" color="text.secondary" lang="zh-CN">
                          {p.name_zh}
                        </Typography>
                      </TableCell>
                      <TableCell>{r ? `${day(r.period_start)} – ${day(r.period_end)}` : "—"}</TableCell>
                      <TableCell>{r?.markets.join(", ")}</TableCell>
                      <TableCell align="right">{r ? formatMoney(r.reward.amount_minor, r.reward.currency) : "—"}</TableCell>
                      <TableCell align="right">{r ? formatMoney(r.cap_per_partner_minor, r.reward.currency) : "—"}</TableCell>
                      <TableCell>{day(p.closes_at)}</TableCell>
                      <TableCell align="right">v{p.version}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </CardContent>
    </Card>
  );
}
