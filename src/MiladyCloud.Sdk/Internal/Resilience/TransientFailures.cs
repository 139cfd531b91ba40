using System.Net.Sockets;

namespace MiladyCloud.Sdk.Internal.Resilience;

/// <summary>Classifies transport failures by whether the server can have seen the request.</summary>
internal static class TransientFailures
{
    /// <summary>True when the connection was never established, so the server cannot have done any work.</summary>
    public static bool NeverReachedServer(HttpRequestException exception)
    {
        if (exception is ResponseBodyException)
        {
            return false;
        }

        if (exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError)
        {
            return true;
        }

        return exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable or SocketError.HostUnreachable };
    }
}
