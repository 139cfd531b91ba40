using System.Text.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>A UI chat answer, added up from its stream parts by <see cref="UiChatAccumulator"/>.</summary>
public sealed record UiChatResult
{
    /// <summary>The answer message's id from the <c>start</c> part; the service sends none on this route, so it is usually <see langword="null"/>.</summary>
    public string? MessageId { get; init; }

    /// <summary>The answer's text: every text delta, in arrival order.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>The model's reasoning text (models that think), empty when it sent none.</summary>
    public string Reasoning { get; init; } = string.Empty;

    /// <summary>Why the model stopped, from the <c>finish</c> part; <see langword="null"/> when it sent none.</summary>
    public UiChatFinishReason? FinishReason { get; init; }

    /// <summary>Whether the <c>finish</c> part arrived.</summary>
    public bool IsFinished { get; init; }

    /// <summary>Whether the server stopped generating (an <c>abort</c> part).</summary>
    public bool IsAborted { get; init; }

    /// <summary>The reason the <c>abort</c> part gave, when any.</summary>
    public string? AbortReason { get; init; }

    /// <summary>The last message metadata the stream carried, when any.</summary>
    public JsonElement? MessageMetadata { get; init; }

    /// <summary>How many model steps started.</summary>
    public int StepCount { get; init; }

    /// <summary>How many typed parts were read.</summary>
    public int PartCount { get; init; }

    /// <summary>How many parts of an unknown kind were skipped.</summary>
    public int SkippedPartCount { get; init; }

    /// <summary>The tool calls whose input was complete, in order (the service offers the model no tools on this route, so normally none).</summary>
    public IReadOnlyList<UiChatToolInputAvailablePart> ToolCalls { get; init; } = [];

    /// <summary>The sources the answer cited (URLs).</summary>
    public IReadOnlyList<UiChatSourceUrlPart> Sources { get; init; } = [];

    /// <summary>The files the model generated.</summary>
    public IReadOnlyList<UiChatFilePart> Files { get; init; } = [];
}
