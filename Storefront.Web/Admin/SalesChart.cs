using System.Globalization;
using Storefront.Web.Money;

namespace Storefront.Web.Admin;

/// <summary>Daily sales for a server-rendered SVG bar chart: one bar per UTC day, scaled to the best day.</summary>
public sealed class SalesChart
{
    public const int BarWidth = 16;
    public const int Gap = 4;
    public const int PlotHeight = 160;
    public const int AxisHeight = 24;

    public SalesChart(DateOnly firstDay, int days, string currency, IEnumerable<(DateOnly Day, long Amount)> sales)
    {
        Currency = currency;
        var totals = sales.GroupBy(s => s.Day).ToDictionary(g => g.Key, g => g.Sum(s => s.Amount));
        Days = Enumerable.Range(0, days).Select(i => firstDay.AddDays(i)).Select(d => new SalesDay(d, totals.GetValueOrDefault(d))).ToList();
        Max = Days.Count == 0 ? 0 : Days.Max(d => d.Amount);
        Total = Days.Sum(d => d.Amount);
    }

    public string Currency { get; }

    public IReadOnlyList<SalesDay> Days { get; }

    public long Max { get; }

    public long Total { get; }

    public int Width => Days.Count * (BarWidth + Gap);

    public int Height => PlotHeight + AxisHeight;

    public string Format(long amount) => MoneyFormatter.Format(amount, Currency);

    /// <summary>Bar height in pixels; a day with sales always shows at least a sliver.</summary>
    public int BarHeight(SalesDay day) =>
        Max == 0 || day.Amount <= 0 ? 0 : Math.Max(2, (int)Math.Round((double)day.Amount / Max * PlotHeight));

    public int X(int index) => index * (BarWidth + Gap) + Gap / 2;

    public string Summary
    {
        get
        {
            if (Days.Count == 0)
            {
                return "No days to show.";
            }

            var from = Days[0].Day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
            var to = Days[^1].Day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
            if (Total == 0)
            {
                return $"Sales per day from {from} to {to}: no sales.";
            }

            var best = Days.OrderByDescending(d => d.Amount).First();
            return $"Sales per day from {from} to {to}: {Format(Total)} in total; best day {best.Day.ToString("d MMM", CultureInfo.InvariantCulture)} with {Format(best.Amount)}.";
        }
    }
}

public readonly record struct SalesDay(DateOnly Day, long Amount);
