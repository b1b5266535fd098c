import AssignmentIcon from "@mui/icons-material/Assignment";
import { lazy } from "react";

// Each screen loads when it is opened (the layout shows react-admin's loading state meanwhile).
const ApplicationList = lazy(() => import("./ApplicationList.tsx").then((m) => ({ default: m.ApplicationList })));
const ApplicationShow = lazy(() => import("./ApplicationShow.tsx").then((m) => ({ default: m.ApplicationShow })));

export default { list: ApplicationList, show: ApplicationShow, icon: AssignmentIcon };
