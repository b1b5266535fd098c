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
import { day, formatMoney, programsQuery, rulesOf } from "./api.ts";

/** Every program, newest first, with its period, reward and cap; admins create new ones. */
export function ProgramList() {
  const createPath = useCreatePath();
  const { permissions } = usePermissions();
  const programs = useQuery(programsQuery);
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="Incentive programs" />
      <CardContent>
        {permissions === "admin" ? (
          <Box sx={{ display: "flex", justifyContent: "flex-end", mb: 1 }}>
            <Button
              component={Link}
              to={createPath({ resource: "incentive-programs", type: "create" })}
              variant="contained"
              startIcon={<AddIcon />}
            >
              New program
            </Button>
          </Box>
        ) : null}
        {programs.isPending ? (
          <CircularProgress aria-label="Loading programs" />
        ) : programs.error ? (
          <Alert severity="error">{programs.error.message}</Alert>
        ) : programs.data.data.length === 0 ? (
          <Typography color="text.secondary">No incentive programs yet.</Typography>
        ) : (
          <TableContainer>
            <Table size="small" aria-label="Incentive programs">
              <TableHead>
                <TableRow>
                  <TableCell>Program</TableCell>
                  <TableCell>Period</TableCell>
                  <TableCell>Markets</TableCell>
                  <TableCell align="right">Reward per seller</TableCell>
                  <TableCell align="right">Cap per partner</TableCell>
                  <TableCell>Statements close</TableCell>
                  <TableCell align="right">Version</TableCell>
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
