import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, ScrollRestoration, useLocation, useNavigate } from "react-router";
import { authClient } from "../lib/authClient.ts";
import { LanguageSwitch } from "./LanguageSwitch.tsx";

function BrandMark() {
  return (
    <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <circle cx="16" cy="16" r="12" fill="none" stroke="currentColor" strokeWidth="4" />
      <circle cx="16" cy="16" r="4" fill="currentColor" />
    </svg>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const { data: auth } = authClient.useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const onAuthPage = pathname === "/sign-in" || pathname === "/sign-up";
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(pathname);

  // After client-side navigation, move focus to the new page so screen readers start there,
  // as they would after a full page load. The first load keeps the browser's own focus.
  useEffect(() => {
    if (previousPath.current === pathname) return;
    previousPath.current = pathname;
    mainRef.current?.focus();
  }, [pathname]);

  async function signOut() {
    await authClient.signOut();
    queryClient.clear();
    await navigate("/sign-in");
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {t("layout.skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand" aria-label={t("layout.home")}>
            <BrandMark />
            <span aria-hidden="true">{t("app.name")}</span>
          </Link>
          {auth ? (
            <nav className="site-nav" aria-label={t("layout.mainNav")}>
              <NavLink to="/" end>
                {t("layout.dashboard")}
              </NavLink>
            </nav>
          ) : null}
          <div className="header-tools">
            {auth ? (
              <>
                <span className="user-name">
                  {t("layout.signedInAs", { name: auth.user.name })}
                </span>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => void signOut()}
                >
                  {t("layout.signOut")}
                </button>
              </>
            ) : onAuthPage ? null : (
              <Link to="/sign-in" className="button button--secondary button--small">
                {t("layout.signIn")}
              </Link>
            )}
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} className="site-main" tabIndex={-1}>
        <Outlet />
      </main>
      <ScrollRestoration />
      <footer className="site-footer">
        <p>{t("layout.footer")}</p>
      </footer>
    </>
  );
}
