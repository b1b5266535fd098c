import BusinessIcon from "@mui/icons-material/Business";
import { lazy } from "react";

const PartnerList = lazy(() => import("./PartnerList.tsx").then((m) => ({ default: m.PartnerList })));
const PartnerShow = lazy(() => import("./PartnerShow.tsx").then((m) => ({ default: m.PartnerShow })));

export default { list: PartnerList, show: PartnerShow, icon: BusinessIcon };
