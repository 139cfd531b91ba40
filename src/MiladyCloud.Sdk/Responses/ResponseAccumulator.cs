using System.Text;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Builds the final <see cref="ModelResponse"/> from stream events: output items by index, text and refusals joined
/// per content part, function call arguments and reasoning summaries joined, each item replaced by its
/// <c>output_item.done</c> form, and the id, status and usage of the last response snapshot. Feed it each event while
/// you print the deltas, then call <see cref="ToResponse"/>.
/// </summary>
public class ResponseAccumulator
{
    private readonly SortedDictionary<int, ItemState> _items = [];
    private readonly StringBuilder _text = new();
    private ModelResponse? _snapshot;
    private bool _finished;

    /// <summary>The output text so far: every text delta, in arrival order.</summary>
    public virtual string Text => _text.ToString();

    /// <summary>How many events were added.</summary>
    public virtual int EventCount { get; private set; }

    /// <summary>Whether a terminal event (<c>response.completed</c>, <c>.failed</c> or <c>.incomplete</c>) was added.</summary>
    public virtual bool IsFinished => _finished;

    /// <summary>Adds one event, in the order the stream delivered them.</summary>
    /// <param name="streamEvent">The event.</param>
    public virtual void Add(ResponseStreamEvent streamEvent)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        EventCount++;
        switch (streamEvent)
        {
            case ResponseCreatedEvent e:
                _snapshot = e.Response;
                break;
            case ResponseInProgressEvent e:
                _snapshot = e.Response;
                break;
            case ResponseCompletedEvent e:
                Finish(e.Response);
                break;
            case ResponseFailedEvent e:
                Finish(e.Response);
                break;
            case ResponseIncompleteEvent e:
                Finish(e.Response);
                break;
            case ResponseOutputItemAddedEvent e:
                _items[e.OutputIndex] = new ItemState(e.Item);
                break;
            case ResponseOutputItemDoneEvent e:
                Item(e.OutputIndex).Done = e.Item;
                break;
            case ResponseContentPartAddedEvent e:
                Item(e.OutputIndex).Part(e.ContentIndex).Started = e.Part;
                break;
            case ResponseContentPartDoneEvent e:
                Item(e.OutputIndex).Part(e.ContentIndex).Done = e.Part;
                break;
            case ResponseOutputTextDeltaEvent e:
                _text.Append(e.Delta);
                Item(e.OutputIndex).Part(e.ContentIndex).Text.Append(e.Delta);
                break;
            case ResponseOutputTextDoneEvent e:
                Item(e.OutputIndex).Part(e.ContentIndex).Replace(e.Text);
                break;
            case ResponseOutputTextAnnotationAddedEvent e:
                Item(e.OutputIndex).Part(e.ContentIndex).Annotations.Add(e.Annotation);
                break;
            case ResponseRefusalDeltaEvent e:
                var part = Item(e.OutputIndex).Part(e.ContentIndex);
                part.IsRefusal = true;
                part.Text.Append(e.Delta);
                break;
            case ResponseRefusalDoneEvent e:
                Item(e.OutputIndex).Part(e.ContentIndex).IsRefusal = true;
                Item(e.OutputIndex).Part(e.ContentIndex).Replace(e.Refusal);
                break;
            case ResponseFunctionCallArgumentsDeltaEvent e:
                Item(e.OutputIndex).Arguments.Append(e.Delta);
                break;
            case ResponseFunctionCallArgumentsDoneEvent e:
                Item(e.OutputIndex).Arguments.Clear().Append(e.Arguments);
                Item(e.OutputIndex).Name ??= e.Name;
                break;
            case ResponseReasoningSummaryTextDeltaEvent e:
                Item(e.OutputIndex).Summary(e.SummaryIndex).Append(e.Delta);
                break;
            case ResponseReasoningSummaryTextDoneEvent e:
                Item(e.OutputIndex).Summary(e.SummaryIndex).Clear().Append(e.Text);
                break;
            case ResponseReasoningSummaryPartAddedEvent e:
                Item(e.OutputIndex).Summary(e.SummaryIndex);
                break;
        }
    }

    /// <summary>
    /// The response as the non-streaming call would have returned it. When the terminal event's response lists its
    /// output (the native path and the translation path both do), that is the answer; otherwise the output is built from
    /// the events. Before a terminal event the status is the snapshot's (<c>in_progress</c>).
    /// </summary>
    /// <returns>The response.</returns>
    public virtual ModelResponse ToResponse()
    {
        var snapshot = _snapshot;
        if (_finished && snapshot is { Output.Count: > 0 })
        {
            return snapshot;
        }

        var response = new ModelResponse
        {
            Id = snapshot?.Id ?? string.Empty,
            Object = snapshot?.Object ?? "response",
            CreatedAt = snapshot?.CreatedAt ?? 0,
            Model = snapshot?.Model ?? string.Empty,
            Status = snapshot?.Status ?? ResponseStatus.InProgress,
            IncompleteDetails = snapshot?.IncompleteDetails,
            Output = _items.Values.Select(item => item.ToItem()).ToList(),
            Usage = snapshot?.Usage,
            Error = snapshot?.Error,
            Instructions = snapshot?.Instructions,
            ProviderMetadata = snapshot?.ProviderMetadata,
        };
        foreach (var (name, value) in snapshot?.AdditionalProperties ?? new Dictionary<string, System.Text.Json.JsonElement>())
        {
            response.AdditionalProperties[name] = value;
        }

        return response;
    }

    private void Finish(ModelResponse response)
    {
        _snapshot = response;
        _finished = true;
    }

    /// <summary>The item at <paramref name="index"/>; a delta for an item never announced starts one.</summary>
    private ItemState Item(int index)
    {
        if (!_items.TryGetValue(index, out var state))
        {
            _items[index] = state = new ItemState(null);
        }

        return state;
    }

    private sealed class ItemState(ResponseOutputItem? added)
    {
        private readonly SortedDictionary<int, PartState> _parts = [];
        private readonly SortedDictionary<int, StringBuilder> _summaries = [];

        public ResponseOutputItem? Done { get; set; }

        public StringBuilder Arguments { get; } = new();

        public string? Name { get; set; }

        public PartState Part(int index)
        {
            if (!_parts.TryGetValue(index, out var part))
            {
                _parts[index] = part = new PartState();
            }

            return part;
        }

        public StringBuilder Summary(int index)
        {
            if (!_summaries.TryGetValue(index, out var summary))
            {
                _summaries[index] = summary = new StringBuilder();
            }

            return summary;
        }

        public ResponseOutputItem ToItem() => Done ?? added switch
        {
            ResponseFunctionCall call => new ResponseFunctionCall
            {
                Id = call.Id,
                CallId = call.CallId,
                Name = string.IsNullOrEmpty(call.Name) ? Name ?? string.Empty : call.Name,
                Arguments = Arguments.Length > 0 ? Arguments.ToString() : call.Arguments,
                Status = call.Status,
            },
            ResponseReasoningItem reasoning => new ResponseReasoningItem
            {
                Id = reasoning.Id,
                Summary = _summaries.Count == 0 ? reasoning.Summary : _summaries.Values.Select(text => new ResponseReasoningSummary { Type = "summary_text", Text = text.ToString() }).ToList(),
                EncryptedContent = reasoning.EncryptedContent,
                Status = reasoning.Status,
            },
            ResponseOutputMessage message => new ResponseOutputMessage
            {
                Id = message.Id,
                Role = message.Role,
                Status = message.Status,
                Index = message.Index,
                ToolCalls = message.ToolCalls,
                FunctionCall = message.FunctionCall,
                Content = _parts.Count == 0 ? message.Content : _parts.Values.Select(part => part.ToContent()).ToList(),
            },
            // An item of a kind this SDK does not know, or deltas for an item never announced: what is known of it.
            null => new ResponseOutputMessage { Id = string.Empty, Role = ResponseRole.Assistant, Content = _parts.Values.Select(part => part.ToContent()).ToList() },
            _ => added,
        };
    }

    private sealed class PartState
    {
        private string? _replaced;

        public ResponseOutputContent? Started { get; set; }

        public ResponseOutputContent? Done { get; set; }

        public StringBuilder Text { get; } = new();

        public List<ResponseAnnotation> Annotations { get; } = [];

        public bool IsRefusal { get; set; }

        public void Replace(string text) => _replaced = text;

        public ResponseOutputContent ToContent()
        {
            if (Done is not null)
            {
                return Done;
            }

            var text = _replaced ?? Text.ToString();
            if (IsRefusal || Started is ResponseRefusal)
            {
                return new ResponseRefusal { Refusal = text };
            }

            var annotations = (Started as ResponseOutputText)?.Annotations?.Concat(Annotations).ToList() ?? Annotations;
            return Started is null or ResponseOutputText ? new ResponseOutputText { Text = text, Annotations = annotations } : Started;
        }
    }
}
