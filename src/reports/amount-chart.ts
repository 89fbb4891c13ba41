import type { ReportData } from './figures.js';

/** A bar chart of amounts by year for one currency (currencies never share an axis). */
export interface AmountChart {
  /** Unique id prefix for the SVG title and description. */
  id: string;
  /** The chart's title. */
  title: string;
  /** The same figures in words. */
  description: string;
  /** Width in SVG units. */
  width: number;
  /** Height in SVG units. */
  height: number;
  /** Where the bars stand. */
  baseline: number;
  /** One bar per year. */
  bars: Array<{ x: number; y: number; width: number; height: number; year: number; display: string; labelX: number }>;
}

const WIDTH = 480;
const HEIGHT = 200;
const TOP = 24;
const BOTTOM = 28;

/** One chart per currency that has amounts. */
export function amountCharts(data: ReportData): AmountChart[] {
  return data.amountsByYear.map(({ currency, years }) => {
    const maxTotal = Math.max(...years.map((y) => y.total), 1);
    const slot = (WIDTH - 16) / years.length;
    const barWidth = Math.min(64, slot * 0.6);
    const baseline = HEIGHT - BOTTOM;
    const bars = years.map((y, i) => {
      const height = Math.max(1, Math.round(((y.total / maxTotal) * (baseline - TOP)) * 10) / 10);
      const x = Math.round((8 + i * slot + (slot - barWidth) / 2) * 10) / 10;
      return { x, y: baseline - height, width: Math.round(barWidth * 10) / 10, height, year: y.year, display: y.display, labelX: Math.round((x + barWidth / 2) * 10) / 10 };
    });
    return {
      id: `amounts-${currency.toLowerCase()}`,
      title: `Amounts in ${currency} by year`,
      description: years.map((y) => `${y.year}: ${y.display}`).join('; '),
      width: WIDTH,
      height: HEIGHT,
      baseline,
      bars,
    };
  });
}
