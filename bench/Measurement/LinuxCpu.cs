using System.Globalization;

namespace TradingRobotPlug.Benchmarks.Measurement;

/// <summary>
/// CPU time read from Linux's <c>/proc</c> (in clock ticks of 1/100 s, the kernel's <c>USER_HZ</c> on x86-64 Linux):
/// the whole machine's busy time, and a process tree's (e.g. a PostgreSQL server: its postmaster and backends). Null
/// where <c>/proc</c> cannot be read.
/// </summary>
public static class LinuxCpu
{
    private const double TicksPerSecond = 100;

    /// <summary>Seconds every core of the machine spent not idle (user, nice, system, irq, softirq, steal) since boot.</summary>
    public static double? MachineBusySeconds()
    {
        try
        {
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long busy = 0;
            foreach (int i in new[] { 1, 2, 3, 6, 7, 8 })
            {
                busy += long.Parse(fields[i], CultureInfo.InvariantCulture);
            }

            return busy / TicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// CPU seconds of process <paramref name="pid"/>, of its children that have exited (the kernel's <c>cutime</c> and
    /// <c>cstime</c>) and of its living children: for a PostgreSQL postmaster, the whole server.
    /// </summary>
    public static double? ProcessTreeSeconds(int pid)
    {
        try
        {
            var own = StatFields(pid);
            if (own is null)
            {
                return null;
            }

            // Fields after the command: [0] state, [1] ppid, …, [11] utime, [12] stime, [13] cutime, [14] cstime.
            long ticks = long.Parse(own[11], CultureInfo.InvariantCulture) + long.Parse(own[12], CultureInfo.InvariantCulture)
                + long.Parse(own[13], CultureInfo.InvariantCulture) + long.Parse(own[14], CultureInfo.InvariantCulture);
            string parent = pid.ToString(CultureInfo.InvariantCulture);
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int child)
                    || StatFields(child) is not { } fields || fields[1] != parent)
                {
                    continue;
                }

                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }

            return ticks / TicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The fields of <c>/proc/{pid}/stat</c> after the parenthesised command, or null if the process is gone.</summary>
    private static string[]? StatFields(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // exited between the listing and the read (ENOENT or ESRCH)
        }

        return text[(text.LastIndexOf(')') + 2)..].Split(' ');
    }
}
