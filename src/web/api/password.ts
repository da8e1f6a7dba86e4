import type { PasswordChange } from "../../common/api";
import { request } from "./client";

export const passwordApi = {
  /** Changes the signed-in user's password and ends their other sessions. */
  change: (body: PasswordChange) =>
    request<void>("POST", "/api/auth/password", body),
};
