import PeopleIcon from "@mui/icons-material/People";
import { lazy } from "react";

const StaffUserList = lazy(() => import("./StaffUsers.tsx").then((m) => ({ default: m.StaffUserList })));
const StaffUserCreate = lazy(() => import("./StaffUsers.tsx").then((m) => ({ default: m.StaffUserCreate })));

export default { list: StaffUserList, create: StaffUserCreate, icon: PeopleIcon };
