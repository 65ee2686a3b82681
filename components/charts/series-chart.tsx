"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface Series {
  key: string;
  label: string;
  colour: string;
}

const number = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

/**
 * How a line joins its points: "stepAfter" for values that hold over their step (an hour's mean),
 * "linear" for samples of a curve. Never smoothed: a smoothed curve invents values between points.
 */
export type LineType = "stepAfter" | "linear";

// Line or bar chart of one or more series over a category axis. Values arrive already
// aggregated (lib/indicators); this component only draws them.
export function SeriesChart(props: {
  kind: "line" | "bar";
  data: Record<string, string | number | null>[];
  xKey: string;
  series: Series[];
  unit: string;
  ariaLabel: string;
  lineType?: LineType;
  height?: number;
}) {
  const common = (
    <>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey={props.xKey} fontSize={12} />
      <YAxis fontSize={12} tickFormatter={(v: number) => number.format(v)} label={{ value: props.unit, angle: -90, position: "insideLeft", fontSize: 12 }} />
      <Tooltip formatter={(v) => (typeof v === "number" ? `${number.format(v)} ${props.unit}` : String(v))} />
      <Legend />
    </>
  );
  return (
    <div role="img" aria-label={props.ariaLabel} style={{ width: "100%", height: props.height ?? 320 }}>
      <ResponsiveContainer width="100%" height="100%">
        {props.kind === "line" ? (
          <LineChart data={props.data}>
            {common}
            {props.series.map((s) => (
              <Line
                key={s.key}
                type={props.lineType ?? "linear"}
                dataKey={s.key}
                name={s.label}
                stroke={s.colour}
                dot={false}
                isAnimationActive={false}
                connectNulls={false}
              />
            ))}
          </LineChart>
        ) : (
          <BarChart data={props.data}>
            {common}
            {props.series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.colour} isAnimationActive={false} />
            ))}
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
