import { LoginPage } from "../pages/login/LoginPage";
import { InvitePage, SetupPage } from "./lazy/pages";
import { loginPathFor } from "./nextPath";
import { matchPath } from "./router/matchPath";
import { Redirect } from "./router/Redirect";
import { useRouter } from "./router/routerContext";

/**
 * Pages for visitors who are not signed in: first-run setup, sign-in and
 * invite links. Sign-in is in the main chunk; setup and invites load on
 * first visit.
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
