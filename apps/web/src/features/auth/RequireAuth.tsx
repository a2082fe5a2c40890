import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { Loading } from "../../components/Loading.tsx";
import { authClient } from "../../lib/authClient.ts";

/** Renders its children for a signed-in person; sends anyone else to sign in and back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { data, isPending } = authClient.useSession();
  const location = useLocation();
  if (isPending) return <Loading />;
  if (!data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}
