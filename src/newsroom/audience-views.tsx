import { DeskTable } from './desk-views.js';

/**
 * The audience dashboard: server-rendered SVG charts (no script), each with an accessible name
 * and description, and the same numbers in a table beside it.
 */

export interface ChartPoint {
  label: string;
  value: number;
}

const CHART_WIDTH = 720;

/** Rounds a maximum up to a readable scale top: 1, 2 or 5 × a power of ten. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= max)!;
}

/** An SVG chart named and described for assistive technology; its marks come as children. */
function ChartFrame({
  id,
  title,
  description,
  height,
  children,
}: {
  id: string;
  title: string;
  description: string;
  height: number;
  children?: JSX.Element | (JSX.Element | JSX.Element[])[];
}) {
  const safeMarks = [children].flat(2).join('');
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${CHART_WIDTH} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} xmlns="http://www.w3.org/2000/svg">
        <title id={`${id}-title`} safe>
          {title}
        </title>
        <desc id={`${id}-desc`} safe>
          {description}
        </desc>
        {safeMarks}
      </svg>
    </figure>
  );
}

/** Columns over time, e.g. reads per hour; every `labelEvery`-th column is labelled. */
export function ColumnChart({
  id,
  title,
  description,
  points,
  labelEvery = 6,
}: {
  id: string;
  title: string;
  description: string;
  points: ChartPoint[];
  labelEvery?: number;
}) {
  const height = 180;
  const top = 16;
  const bottom = 28;
  const left = 48;
  const plot = height - top - bottom;
  const max = niceMax(Math.max(0, ...points.map((p) => p.value)));
  const step = (CHART_WIDTH - left) / Math.max(points.length, 1);
  const bar = Math.max(step - 2, 1);
  return (
    <ChartFrame id={id} title={title} description={description} height={height}>
      <line x1={left} y1={top + plot} x2={CHART_WIDTH} y2={top + plot} class="axis" />
      <text x={left - 6} y={top + 4} text-anchor="end" class="tick" safe>
        {String(max)}
      </text>
      <text x={left - 6} y={top + plot} text-anchor="end" class="tick">
        0
      </text>
      {points.map((p, i) => {
        const h = (p.value / max) * plot;
        const x = left + i * step + 1;
        return (
          <>
            <rect x={x.toFixed(1)} y={(top + plot - h).toFixed(1)} width={bar.toFixed(1)} height={h.toFixed(1)} class="bar">
              <title safe>{`${p.label}: ${p.value}`}</title>
            </rect>
            {i % labelEvery === 0 ? (
              <text x={x.toFixed(1)} y={height - 8} class="tick" safe>
                {p.label}
              </text>
            ) : (
              ''
            )}
          </>
        );
      })}
    </ChartFrame>
  );
}

/** Horizontal bars for a ranking, e.g. reads by sector. */
export function BarChart({ id, title, description, points }: { id: string; title: string; description: string; points: ChartPoint[] }) {
  const row = 22;
  const left = 200;
  const height = Math.max(points.length, 1) * row + 8;
  const max = niceMax(Math.max(0, ...points.map((p) => p.value)));
  const span = CHART_WIDTH - left - 60;
  return (
    <ChartFrame id={id} title={title} description={description} height={height}>
      {points.map((p, i) => {
        const y = 4 + i * row;
        const w = (p.value / max) * span;
        return (
          <>
            <text x={left - 8} y={y + 15} text-anchor="end" class="label" safe>
              {p.label.length > 28 ? `${p.label.slice(0, 27)}…` : p.label}
            </text>
            <rect x={left} y={y + 3} width={w.toFixed(1)} height={row - 6} class="bar" />
            <text x={(left + w + 6).toFixed(1)} y={y + 15} class="value" safe>
              {String(p.value)}
            </text>
          </>
        );
      })}
    </ChartFrame>
  );
}

/** A chart with its numbers: the table is the accessible, exact version of the picture. */
function ChartWithTable({ heading, chart, columns, rows }: { heading: string; chart: JSX.Element; columns: [string, string]; rows: ChartPoint[] }) {
  return (
    <section class="audience-block">
      <h2 safe>{heading}</h2>
      {chart}
      <details>
        <summary>The numbers</summary>
        <DeskTable caption={heading} headers={columns}>
          {rows.map((r) => (
            <tr>
              <td safe>{r.label}</td>
              <td safe>{String(r.value)}</td>
            </tr>
          ))}
        </DeskTable>
      </details>
    </section>
  );
}

export interface AudienceModel {
  hourly: ChartPoint[];
  totalReads48h: number;
  top: { headline: string; href: string; reads24h: number; readsTotal: number; score: number }[];
  editions: ChartPoint[];
  sectors: ChartPoint[];
  countries: ChartPoint[];
  /** The read counter since this process started: what was counted and what was left out. */
  counter: { label: string; value: number }[] | null;
  /** Newsletter subscribers over time and the last sends; null when there is no newsletter. */
  newsletter: { subscribers: ChartPoint[]; sends: { issue: string; when: string; sent: number; failed: number }[] } | null;
  /** The export forms, for those who may export. */
  exports?: JSX.Element;
}

export function AudiencePage({ model }: { model: AudienceModel }) {
  const safeExports = model.exports ?? '';
  return (
    <div>
      <h1>Audience</h1>
      <p
        safe
      >{`${model.totalReads48h} counted reads in the last 48 hours. Reads are counted once per visitor and story in 30 minutes; bots, previews and newsroom users are not counted.`}</p>
      <ChartWithTable
        heading="Reads per hour, last 48 hours (UTC)"
        chart={
          <ColumnChart
            id="hourly"
            title="Reads per hour, last 48 hours"
            description={`Columns for each hour; the busiest hour had ${Math.max(0, ...model.hourly.map((p) => p.value))} reads.`}
            points={model.hourly}
          />
        }
        columns={['Hour (UTC)', 'Reads']}
        rows={model.hourly}
      />
      <section class="audience-block">
        <h2>Top stories now</h2>
        {model.top.length === 0 ? (
          <p>No reads counted in the last 72 hours.</p>
        ) : (
          <DeskTable
            caption="Stories ranked by Trending's score (reads, halving every few hours)"
            headers={['Story', 'Reads, last 24 h', 'Reads in all', 'Trending score']}
          >
            {model.top.map((t) => (
              <tr>
                <td>
                  <a href={t.href} safe>
                    {t.headline}
                  </a>
                </td>
                <td safe>{String(t.reads24h)}</td>
                <td safe>{String(t.readsTotal)}</td>
                <td safe>{String(t.score)}</td>
              </tr>
            ))}
          </DeskTable>
        )}
      </section>
      {(
        [
          ['editions', 'Reads by edition, last 24 hours', 'Edition', model.editions],
          ['sectors', 'Reads by main sector, last 24 hours', 'Sector', model.sectors],
          ['countries', 'Reads by main country, last 24 hours', 'Country', model.countries],
        ] as const
      ).map(([id, heading, column, points]) => (
        <ChartWithTable
          heading={heading}
          chart={
            <BarChart
              id={id}
              title={heading}
              description={
                points.length
                  ? `Bars, largest first: ${points
                      .slice(0, 3)
                      .map((p) => `${p.label} ${p.value}`)
                      .join(', ')}.`
                  : 'No reads yet.'
              }
              points={points}
            />
          }
          columns={[column, 'Reads']}
          rows={points}
        />
      ))}
      {model.newsletter ? (
        <>
          <ChartWithTable
            heading="Newsletter subscribers (confirmed), last 30 days"
            chart={
              <ColumnChart
                id="subscribers"
                title="Confirmed newsletter subscribers per day"
                description={`Columns per day; now ${model.newsletter.subscribers.at(-1)?.value ?? 0}.`}
                points={model.newsletter.subscribers}
                labelEvery={7}
              />
            }
            columns={['Day', 'Subscribers']}
            rows={model.newsletter.subscribers}
          />
          <section class="audience-block">
            <h2>Last newsletter sends</h2>
            <DeskTable caption="Digests sent, newest first" headers={['Issue', 'When', 'Sent', 'Failed']}>
              {model.newsletter.sends.map((s) => (
                <tr>
                  <td safe>{s.issue}</td>
                  <td safe>{s.when}</td>
                  <td safe>{String(s.sent)}</td>
                  <td safe>{String(s.failed)}</td>
                </tr>
              ))}
            </DeskTable>
          </section>
        </>
      ) : (
        ''
      )}
      {safeExports}
      {model.counter ? (
        <section class="audience-block">
          <h2>The read counter since this process started</h2>
          <DeskTable caption="Beacons received and what became of them" headers={[{ unlabelled: 'Beacons' }, 'Count']}>
            {model.counter.map((c) => (
              <tr>
                <td safe>{c.label}</td>
                <td safe>{String(c.value)}</td>
              </tr>
            ))}
          </DeskTable>
        </section>
      ) : (
        ''
      )}
    </div>
  );
}
