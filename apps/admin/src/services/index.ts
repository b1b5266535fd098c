import StorefrontIcon from "@mui/icons-material/Storefront";
import { ServiceList } from "./ServiceList.tsx";
import { ServiceShow } from "./ServiceShow.tsx";

export default { list: ServiceList, show: ServiceShow, icon: StorefrontIcon };
