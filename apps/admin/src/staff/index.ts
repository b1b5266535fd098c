import PeopleIcon from "@mui/icons-material/People";
import { StaffUserCreate, StaffUserList } from "./StaffUsers.tsx";

export default { list: StaffUserList, create: StaffUserCreate, icon: PeopleIcon };
