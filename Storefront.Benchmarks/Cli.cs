using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Storefront.Benchmarks;

/// <summary>Argument parsing and the machine line every mode prints first.</summary>
internal static class Cli
{
    public static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }

    public static string RuntimeInfo() =>
        $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, Environment.ProcessorCount = {Environment.ProcessorCount}, " +
        $"{(Debugger.IsAttached ? "debugger attached" : "no debugger")}, " +
#if DEBUG
        "DEBUG build (use -c Release)";
#else
        "Release build";
#endif

    /// <summary>The 1/5/15-minute load average where the OS exposes it (Linux), to judge how busy the box was.</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? "load average " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "load average n/a";
        }
        catch (IOException)
        {
            return "load average n/a";
        }
    }
}
