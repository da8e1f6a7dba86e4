import type {
  Company,
  CompanyUpdate,
  Location,
  TwilioConnection,
  TwilioConnectionSaved,
  TwilioConnectionTest,
  TwilioConnectionUpdate,
} from "../../common/api";
import { request } from "./client";

export const companyApi = {
  get: () => request<Company>("GET", "/api/company"),
  update: (body: CompanyUpdate) =>
    request<Company>("PUT", "/api/company", body),
  twilio: () => request<TwilioConnection>("GET", "/api/company/twilio"),
  updateTwilio: (body: TwilioConnectionUpdate) =>
    request<TwilioConnectionSaved>("PUT", "/api/company/twilio", body),
  testTwilio: () =>
    request<TwilioConnectionTest>("POST", "/api/company/twilio/test"),
  locations: () => request<{ locations: Location[] }>("GET", "/api/locations"),
};
