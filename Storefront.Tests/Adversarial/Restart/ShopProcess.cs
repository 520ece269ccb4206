using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Storefront.Tests.Adversarial.Restart;

/// <summary>
/// The real shop as a child process (<c>dotnet Storefront.Web.dll</c>, Development, its own SQLite file, key ring and
/// embedded emulator folder under <paramref name="directory"/>), always on the same port so its webhook address stays
/// the same across restarts. <see cref="Kill"/> is SIGKILL: nothing gets to clean up.
/// </summary>
public sealed class ShopProcess(string directory, int port) : IDisposable
{
    private Process? _process;
    private readonly Lock _logGate = new();
    private readonly Queue<string> _log = new();

    public Uri BaseUrl { get; } = new($"http://127.0.0.1:{port}/");
    public string DatabasePath => Path.Combine(directory, "storefront.db");
    public string EmulatorDatabasePath => Path.Combine(directory, "stripe-emulator", "emulator.db");

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async Task StartAsync()
    {
        var (dll, contentRoot) = Locate();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--contentRoot");
        info.ArgumentList.Add(contentRoot);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = BaseUrl.ToString().TrimEnd('/');
        info.Environment["ConnectionStrings__Storefront"] = $"Data Source={DatabasePath}";
        info.Environment["DataProtection__KeysPath"] = Path.Combine(directory, "keys");
        info.Environment["Checkout__UpdatesPerMinute"] = "60000";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Error";
        _process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The shop exited with {_process.ExitCode}:\n{RecentLog()}");
            try
            {
                if ((await http.GetAsync("healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The shop did not become healthy in 90 s:\n" + RecentLog());
    }

    /// <summary>SIGKILL, then wait until the process is gone (its port and file locks with it).</summary>
    public void Kill()
    {
        if (_process is null) return;
        try
        {
            _process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.WaitForExit(30_000);
        _process.Dispose();
        _process = null;
    }

    public string RecentLog()
    {
        lock (_logGate) return string.Join('\n', _log);
    }

    public void Dispose() => Kill();

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_logGate)
        {
            _log.Enqueue(line);
            while (_log.Count > 200) _log.Dequeue();
        }
    }

    /// <summary>The web project's own build output (bin/{Configuration}/{tfm}, the same as this test's) and its folder.</summary>
    private static (string Dll, string ContentRoot) Locate()
    {
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = baseDir.Name;
        var configuration = baseDir.Parent!.Name;
        var root = baseDir;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Storefront.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("Storefront.sln not found above " + AppContext.BaseDirectory);
        var project = Path.Combine(root.FullName, "Storefront.Web");
        var dll = Path.Combine(project, "bin", configuration, tfm, "Storefront.Web.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException("Build the solution first: " + dll + " is missing.");
        return (dll, project);
    }
}
