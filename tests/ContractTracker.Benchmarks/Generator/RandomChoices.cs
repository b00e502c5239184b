namespace ContractTracker.Benchmarks.Generator;

/// <summary>The draws the generator makes. Everything comes from one seeded <see cref="Random"/>, so a seed fixes the output.</summary>
internal static class RandomChoices
{
    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static double Between(this Random random, double min, double max) => min + random.NextDouble() * (max - min);

    /// <summary>Amounts spread evenly over orders of magnitude, in cents; whole dollars most of the time, as agencies write them.</summary>
    public static long Dollars(this Random random, double min, double max)
    {
        var dollars = Math.Exp(random.Between(Math.Log(min), Math.Log(max)));
        return random.Chance(0.7) ? (long)Math.Round(dollars) * 100 : (long)Math.Round(dollars * 100);
    }

    /// <summary>A count with an exponential spread: many small, a few large.</summary>
    public static int Exponential(this Random random, double mean) => (int)Math.Round(-mean * Math.Log(1 - random.NextDouble()));

    public static DateOnly DayBetween(this Random random, DateOnly first, DateOnly last) =>
        last <= first ? first : first.AddDays(random.Next(last.DayNumber - first.DayNumber + 1));

    public static string Characters(this Random random, string alphabet, int length) =>
        string.Create(length, (random, alphabet), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.random.Next(state.alphabet.Length)];
            }
        });
}

/// <summary>Picks items in proportion to their weights.</summary>
internal sealed class WeightedChoice<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public WeightedChoice(IEnumerable<(T Item, double Weight)> weighted)
    {
        var list = weighted.Where(w => w.Weight > 0).ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("Nothing to choose from.", nameof(weighted));
        }

        _items = list.Select(w => w.Item).ToArray();
        _cumulative = new double[list.Count];
        var sum = 0.0;
        for (var i = 0; i < list.Count; i++)
        {
            sum += list[i].Weight;
            _cumulative[i] = sum;
        }
    }

    public IReadOnlyList<T> Items => _items;

    public T Next(Random random)
    {
        var target = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        return _items[index < 0 ? Math.Min(~index, _items.Length - 1) : index];
    }
}
