import StorefrontIcon from "@mui/icons-material/Storefront";
import { lazy } from "react";

const ServiceList = lazy(() => import("./ServiceList.tsx").then((m) => ({ default: m.ServiceList })));
const ServiceShow = lazy(() => import("./ServiceShow.tsx").then((m) => ({ default: m.ServiceShow })));

export default { list: ServiceList, show: ServiceShow, icon: StorefrontIcon };
