// Small inline icons (decorative: always aria-hidden). Drawn here rather than taken from emoji,
// which many systems render as empty boxes, or from an icon font, which would be a download.

const common = {
  width: 18,
  height: 18,
  viewBox: "0 0 24 24",
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 2,
  strokeLinecap: "round",
  strokeLinejoin: "round",
  "aria-hidden": true,
  focusable: false,
} as const;

export function BellIcon({ off = false }: { off?: boolean }) {
  return (
    <svg {...common}>
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      {off ? <path d="M3 3l18 18" /> : null}
    </svg>
  );
}

export function GripIcon() {
  return (
    <svg {...common} fill="currentColor" stroke="none">
      {[6, 12, 18].map((y) => (
        <g key={y}>
          <circle cx="9" cy={y} r="1.6" />
          <circle cx="15" cy={y} r="1.6" />
        </g>
      ))}
    </svg>
  );
}

export function ArrowIcon({ direction }: { direction: "up" | "down" }) {
  return (
    <svg {...common}>
      {direction === "up" ? (
        <path d="M12 19V5M5 12l7-7 7 7" />
      ) : (
        <path d="M12 5v14M19 12l-7 7-7-7" />
      )}
    </svg>
  );
}

export function CloseIcon() {
  return (
    <svg {...common}>
      <path d="M18 6 6 18M6 6l12 12" />
    </svg>
  );
}

export function EarIcon() {
  return (
    <svg {...common} width={28} height={28}>
      <path d="M6 8.5a6 6 0 1 1 12 0c0 6-6 6-6 10a3.5 3.5 0 0 1-6.5 1" />
      <path d="M15 8.5a3 3 0 1 0-6 0" />
    </svg>
  );
}
