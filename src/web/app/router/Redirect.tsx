import { useEffect } from "react";
import { useRouter } from "./routerContext";

/** Replaces the current URL with `to` once rendered. */
export function Redirect({ to }: { to: string }) {
  const { navigate } = useRouter();

  useEffect(() => {
    navigate(to, { replace: true });
  }, [navigate, to]);

  return null;
}
