using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Storefront.Benchmarks.Checkout;

/// <summary>
/// Listens to EF Core's DiagnosticSource events (no app change, no logging needed) and charges each executed command
/// and each committed transaction to the benchmark action whose request is running, by its action-id header.
/// The durations are EF's own: a command's execute call (a reader's rows are read afterwards), a commit's call.
/// </summary>
internal sealed class DbProbe(ActionMeters meters) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    // HttpContextAccessor keeps the current context in a static AsyncLocal: any instance sees the app's requests.
    private readonly HttpContextAccessor http = new();
    private readonly List<IDisposable> subscriptions = [];
    private IDisposable? all;

    public void Start() => all = DiagnosticListener.AllListeners.Subscribe(this);

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (!ActionMeters.TryGetId(http.HttpContext?.Request.Headers[BenchmarkApp.ActionHeader] ?? default, out var id))
        {
            return;
        }

        if (value.Key == CoreEventId.QueryCompilationStarting.Name)
        {
            meters.AddQueryCompilation(id);
            return;
        }

        switch (value.Value)
        {
            case CommandExecutedEventData executed:
                meters.AddDbCommand(id, Ticks(executed.Duration), IsWrite(executed.Command.CommandText));
                break;
            case CommandErrorEventData failed:
                meters.AddDbCommand(id, Ticks(failed.Duration), IsWrite(failed.Command.CommandText));
                break;
            case TransactionEndEventData ended when value.Key == RelationalEventId.TransactionCommitted.Name:
                meters.AddDbCommit(id, Ticks(ended.Duration));
                break;
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        all?.Dispose();
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }

    private static long Ticks(TimeSpan duration) => (long)(duration.TotalSeconds * Stopwatch.Frequency);

    private static bool IsWrite(string sql) => !sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);
}
