using System.Numerics;
using System.Runtime.InteropServices;

namespace MiladyCloud.Sdk;

/// <summary>Vector helpers for embeddings (SIMD-accelerated with <see cref="Vector{T}"/>).</summary>
public static class EmbeddingMath
{
    /// <summary>The cosine similarity of two vectors, from -1 to 1 (0 when either vector is all zeros).</summary>
    /// <param name="x">One vector.</param>
    /// <param name="y">The other, of the same length.</param>
    /// <returns>The similarity.</returns>
    /// <exception cref="ArgumentException">The lengths differ or a vector is empty.</exception>
    public static float CosineSimilarity(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (x.Length != y.Length || x.IsEmpty)
        {
            throw new ArgumentException($"Both vectors must have the same, non-zero length (got {x.Length} and {y.Length}).");
        }

        var (dot, xx, yy) = Sums(x, y);
        var norms = Math.Sqrt(xx) * Math.Sqrt(yy);
        return norms == 0 ? 0f : (float)(dot / norms);
    }

    private static (double Dot, double Xx, double Yy) Sums(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var dot = Vector<float>.Zero;
        var xx = Vector<float>.Zero;
        var yy = Vector<float>.Zero;
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        for (var i = 0; i < vx.Length; i++)
        {
            dot += vx[i] * vy[i];
            xx += vx[i] * vx[i];
            yy += vy[i] * vy[i];
        }

        double d = Vector.Sum(dot), sx = Vector.Sum(xx), sy = Vector.Sum(yy);
        for (var i = vx.Length * Vector<float>.Count; i < x.Length; i++)
        {
            d += x[i] * y[i];
            sx += x[i] * x[i];
            sy += y[i] * y[i];
        }

        return (d, sx, sy);
    }
}
