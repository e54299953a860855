//! A native client of the classroom host over a real WebSocket (tokio-tungstenite): what
//! the integration tests, `bench-host` and a school's own tools use. It speaks
//! [`ClientMsg`] and [`ServerMsg`] and nothing else.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async_with_config};

use super::{ClientMsg, ServerMsg};

/// One connection to a host.
pub struct Client {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

/// What went wrong on a connection.
#[derive(Debug)]
pub enum ClientError {
    Connect(String),
    Closed,
    Timeout,
    /// The host sent something that is not a [`ServerMsg`].
    Garbled(String),
}

impl std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientError::Connect(e) => write!(f, "cannot connect: {e}"),
            ClientError::Closed => write!(f, "the host closed the connection"),
            ClientError::Timeout => write!(f, "the host did not answer in time"),
            ClientError::Garbled(e) => write!(f, "the host sent something unreadable: {e}"),
        }
    }
}

impl std::error::Error for ClientError {}

impl Client {
    /// Connect to `url` (`ws://127.0.0.1:PORT/ws`).
    pub async fn connect(url: &str) -> Result<Client, ClientError> {
        let (ws, _) = connect_async_with_config(url, None, true)
            .await
            .map_err(|e| ClientError::Connect(e.to_string()))?;
        Ok(Client { ws })
    }

    /// Send a message.
    pub async fn send(&mut self, msg: &ClientMsg) -> Result<(), ClientError> {
        let text = serde_json::to_string(msg).map_err(|e| ClientError::Garbled(e.to_string()))?;
        self.send_raw(Message::Text(text.into())).await
    }

    /// Send any frame (the tests send garbage with it).
    pub async fn send_raw(&mut self, msg: Message) -> Result<(), ClientError> {
        self.ws.send(msg).await.map_err(|_| ClientError::Closed)
    }

    /// The next message, waiting at most `wait`.
    pub async fn recv(&mut self, wait: Duration) -> Result<ServerMsg, ClientError> {
        loop {
            let next = tokio::time::timeout(wait, self.ws.next())
                .await
                .map_err(|_| ClientError::Timeout)?;
            match next {
                Some(Ok(Message::Text(t))) => {
                    return serde_json::from_str(&t)
                        .map_err(|e| ClientError::Garbled(e.to_string()));
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => {
                    return Err(ClientError::Closed);
                }
                Some(Ok(_)) => {}
            }
        }
    }

    /// Wait for the first message `pick` accepts, dropping others (views that a newer
    /// one replaces, acknowledgements of no interest).
    pub async fn recv_until<T>(
        &mut self,
        wait: Duration,
        mut pick: impl FnMut(ServerMsg) -> Option<T>,
    ) -> Result<T, ClientError> {
        let end = tokio::time::Instant::now() + wait;
        loop {
            let left = end.saturating_duration_since(tokio::time::Instant::now());
            if left.is_zero() {
                return Err(ClientError::Timeout);
            }
            if let Some(t) = pick(self.recv(left).await?) {
                return Ok(t);
            }
        }
    }

    /// Close the connection politely.
    pub async fn close(mut self) {
        let _ = self.ws.close(None).await;
    }
}
