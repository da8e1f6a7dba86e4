import { LoginPage } from "../pages/login/LoginPage";
import { SetupPage } from "../pages/setup/SetupPage";
import { loginPathFor } from "./nextPath";
import { Redirect } from "./router/Redirect";
import { useRouter } from "./router/routerContext";

/** Pages for visitors who are not signed in: first-run setup and sign-in. */
export function PublicRoutes({ needsSetup }: { needsSetup: boolean }) {
  const { pathname, search } = useRouter();

  if (needsSetup) {
    return pathname === "/setup" ? <SetupPage /> : <Redirect to="/setup" />;
  }
  if (pathname === "/login") return <LoginPage />;

  return <Redirect to={loginPathFor(`${pathname}${search}`)} />;
}
