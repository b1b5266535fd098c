import { operations } from "../factory.ts";
import * as applicationForm from "./application-form.ts";
import * as categories from "./categories.ts";

export const catalogRoutes = operations(categories, applicationForm);
