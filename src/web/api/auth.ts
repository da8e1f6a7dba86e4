import type {
  LoginRequest,
  Me,
  SetupRequest,
  SetupStatus,
} from "../../common/api";
import { request } from "./client";

export const authApi = {
  setupStatus: () => request<SetupStatus>("GET", "/api/setup/status"),
  setup: (body: SetupRequest) => request<Me>("POST", "/api/setup", body),
  login: (body: LoginRequest) => request<Me>("POST", "/api/auth/login", body),
  logout: () => request<void>("POST", "/api/auth/logout"),
  me: () => request<Me>("GET", "/api/auth/me"),
};
