import { InvitePage } from "../pages/invite/InvitePage";
import { LoginPage } from "../pages/login/LoginPage";
import { SetupPage } from "../pages/setup/SetupPage";
import { loginPathFor } from "./nextPath";
import { matchPath } from "./router/matchPath";
import { Redirect } from "./router/Redirect";
import { useRouter } from "./router/routerContext";

/**
 * Pages for visitors who are not signed in: first-run setup, sign-in and
 * invite links.
 */
export function PublicRoutes({ needsSetup }: { needsSetup: boolean }) {
  const { pathname, search } = useRouter();

  if (needsSetup) {
    return pathname === "/setup" ? <SetupPage /> : <Redirect to="/setup" />;
  }
  if (pathname === "/login") return <LoginPage />;
  const invite = matchPath("/invite/:token", pathname);
  if (invite?.token) return <InvitePage token={invite.token} />;

  return <Redirect to={loginPathFor(`${pathname}${search}`)} />;
}
