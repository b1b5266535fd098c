import GavelIcon from "@mui/icons-material/Gavel";
import PaidIcon from "@mui/icons-material/PaidOutlined";
import ReceiptIcon from "@mui/icons-material/ReceiptLong";
import { lazy } from "react";

const ProgramList = lazy(() => import("./ProgramList.tsx").then((m) => ({ default: m.ProgramList })));
const ProgramCreate = lazy(() => import("./ProgramCreate.tsx").then((m) => ({ default: m.ProgramCreate })));
const ProgramShow = lazy(() => import("./ProgramShow.tsx").then((m) => ({ default: m.ProgramShow })));
const StatementList = lazy(() => import("./StatementList.tsx").then((m) => ({ default: m.StatementList })));
const DisputeList = lazy(() => import("./DisputeList.tsx").then((m) => ({ default: m.DisputeList })));

/** Incentive programs (admins create and version them; every staff role reads), statements across partners, the disputes queue. */
export const incentivePrograms = { list: ProgramList, create: ProgramCreate, show: ProgramShow, icon: PaidIcon };
export const incentiveStatements = { list: StatementList, icon: ReceiptIcon };
export const incentiveDisputes = { list: DisputeList, icon: GavelIcon };
