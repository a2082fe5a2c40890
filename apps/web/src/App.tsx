import { createBrowserRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import { Layout } from "./components/Layout.tsx";
import { NotFoundPage } from "./components/NotFoundPage.tsx";
import { RequireAuth } from "./features/auth/RequireAuth.tsx";
import { SignInPage } from "./features/auth/SignInPage.tsx";
import { SignUpPage } from "./features/auth/SignUpPage.tsx";
import { DashboardPage } from "./features/groups/DashboardPage.tsx";
import { GroupPage } from "./features/groups/GroupPage.tsx";
import { AttendancePage } from "./features/attendance/AttendancePage.tsx";
import { InvitePage } from "./features/invitations/InvitePage.tsx";
import { SessionPage } from "./features/session/SessionPage.tsx";

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      {
        index: true,
        element: (
          <RequireAuth>
            <DashboardPage />
          </RequireAuth>
        ),
      },
      { path: "sign-in", element: <SignInPage /> },
      { path: "sign-up", element: <SignUpPage /> },
      {
        path: "groups/:groupId",
        element: (
          <RequireAuth>
            <GroupPage />
          </RequireAuth>
        ),
      },
      { path: "invite/:token", element: <InvitePage /> },
      {
        path: "sessions/:sessionId",
        element: (
          <RequireAuth>
            <SessionPage />
          </RequireAuth>
        ),
      },
      {
        path: "sessions/:sessionId/attendance",
        element: (
          <RequireAuth>
            <AttendancePage />
          </RequireAuth>
        ),
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
