import BusinessIcon from "@mui/icons-material/Business";
import { PartnerList } from "./PartnerList.tsx";
import { PartnerShow } from "./PartnerShow.tsx";

export default { list: PartnerList, show: PartnerShow, icon: BusinessIcon };
