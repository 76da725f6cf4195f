//! A small, bounded HTTP/1.1 server loop over any async byte stream (the TLS stream).
//!
//! Enough of RFC 9112 for Kubernetes clients: request line, headers, `Content-Length` and
//! `chunked` request bodies, `Expect: 100-continue`, keep-alive and pipelining (requests on a
//! connection are served in order), `Connection: close`. Every size and wait is bounded; a
//! malformed request gets `400` and the connection is closed, never a panic.

use std::future::poll_fn;
use std::io;
use std::pin::Pin;
use std::task::Poll;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// Largest request head (request line plus headers).
pub const MAX_HEAD: usize = 64 * 1024;
/// Largest request body.
pub const MAX_BODY: usize = 16 * 1024 * 1024;
/// Most headers in one request.
pub const MAX_HEADERS: usize = 128;
/// How long a kept-alive connection may sit idle, or a request take to arrive.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(120);

/// One parsed request.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The path, still percent-encoded.
    pub path: String,
    /// The raw query string (without `?`), still percent-encoded.
    pub query: String,
    /// Headers in arrival order, names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The client asked to close after this request (or spoke HTTP/1.0).
    pub close: bool,
}

impl Request {
    /// The first header of that (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One response to write.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body,
        }
    }

    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Response {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// Why reading a request stopped.
pub enum ReadError {
    /// The peer closed, or went idle, between requests: not an error.
    Closed,
    /// The request is malformed or too large; answer 400/413/431 with this message and close.
    Bad(u16, String),
    /// The transport failed.
    Io(io::Error),
}

/// A buffered reader over the connection.
pub struct Conn<S> {
    stream: S,
    buf: Vec<u8>,
}

async fn read_some<S: AsyncRead + Unpin>(stream: &mut S, into: &mut [u8]) -> io::Result<usize> {
    poll_fn(|cx| {
        let mut rb = ReadBuf::new(&mut *into);
        match Pin::new(&mut *stream).poll_read(cx, &mut rb) {
            Poll::Ready(Ok(())) => Poll::Ready(Ok(rb.filled().len())),
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => Poll::Pending,
        }
    })
    .await
}

async fn write_all<S: AsyncWrite + Unpin>(stream: &mut S, mut data: &[u8]) -> io::Result<()> {
    while !data.is_empty() {
        let n = poll_fn(|cx| Pin::new(&mut *stream).poll_write(cx, data)).await?;
        if n == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        data = &data[n..];
    }
    poll_fn(|cx| Pin::new(&mut *stream).poll_flush(cx)).await
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn bad(status: u16, msg: impl Into<String>) -> ReadError {
    ReadError::Bad(status, msg.into())
}

impl<S: AsyncRead + AsyncWrite + Unpin> Conn<S> {
    pub fn new(stream: S) -> Conn<S> {
        Conn {
            stream,
            buf: Vec::with_capacity(8192),
        }
    }

    /// Reads more bytes into the buffer; `Ok(false)` at end of stream.
    async fn fill(&mut self) -> io::Result<bool> {
        let mut chunk = [0u8; 16 * 1024];
        let n = read_some(&mut self.stream, &mut chunk).await?;
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(n > 0)
    }

    /// Reads exactly `n` body bytes (beyond what is buffered).
    async fn take(&mut self, n: usize) -> Result<Vec<u8>, ReadError> {
        while self.buf.len() < n {
            match self.fill().await {
                Ok(true) => {}
                Ok(false) => return Err(bad(400, "unexpected end of request body")),
                Err(e) => return Err(ReadError::Io(e)),
            }
        }
        let rest = self.buf.split_off(n);
        Ok(std::mem::replace(&mut self.buf, rest))
    }

    /// Reads a CRLF-terminated line (chunked framing), bounded.
    async fn line(&mut self) -> Result<String, ReadError> {
        loop {
            if let Some(i) = find(&self.buf, b"\r\n") {
                let line = self.take(i + 2).await?;
                return String::from_utf8(line[..i].to_vec())
                    .map_err(|_| bad(400, "bad chunk line"));
            }
            if self.buf.len() > 4096 {
                return Err(bad(400, "chunk line too long"));
            }
            match self.fill().await {
                Ok(true) => {}
                Ok(false) => return Err(bad(400, "unexpected end of chunked body")),
                Err(e) => return Err(ReadError::Io(e)),
            }
        }
    }

    /// Reads the next request; waits at most [`IDLE_TIMEOUT`] for it.
    pub async fn read_request(&mut self) -> Result<Request, ReadError> {
        match tokio::time::timeout(IDLE_TIMEOUT, self.read_request_inner()).await {
            Ok(r) => r,
            Err(_) => Err(ReadError::Closed),
        }
    }

    async fn read_request_inner(&mut self) -> Result<Request, ReadError> {
        let head_end = loop {
            if let Some(i) = find(&self.buf, b"\r\n\r\n") {
                break i;
            }
            if self.buf.len() > MAX_HEAD {
                return Err(bad(431, "request header fields too large"));
            }
            match self.fill().await {
                Ok(true) => {}
                Ok(false) if self.buf.iter().all(|b| b.is_ascii_whitespace()) => {
                    return Err(ReadError::Closed);
                }
                Ok(false) => return Err(bad(400, "incomplete request head")),
                Err(e) if self.buf.is_empty() => {
                    let _ = e;
                    return Err(ReadError::Closed);
                }
                Err(e) => return Err(ReadError::Io(e)),
            }
        };
        let head = self.take(head_end + 4).await?;
        let head = std::str::from_utf8(&head[..head_end])
            .map_err(|_| bad(400, "request head is not UTF-8"))?;
        let head = head.trim_start_matches(['\r', '\n']);
        let mut lines = head.split("\r\n");
        let request_line = lines.next().unwrap_or_default();
        let mut parts = request_line.split(' ');
        let (Some(method), Some(target), Some(version), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad(400, format!("malformed request line {request_line:?}")));
        };
        if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(bad(400, "malformed method"));
        }
        let http10 = match version {
            "HTTP/1.1" => false,
            "HTTP/1.0" => true,
            _ => return Err(bad(505, "HTTP version not supported")),
        };
        if !target.starts_with('/') {
            return Err(bad(400, "request target must be an absolute path"));
        }
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let mut headers = Vec::new();
        for line in lines {
            if headers.len() >= MAX_HEADERS {
                return Err(bad(431, "too many headers"));
            }
            let Some((name, value)) = line.split_once(':') else {
                return Err(bad(400, format!("malformed header line {line:?}")));
            };
            if name.is_empty() || name.bytes().any(|b| b.is_ascii_whitespace()) {
                return Err(bad(400, "malformed header name"));
            }
            headers.push((name.to_ascii_lowercase(), value.trim().to_string()));
        }
        let get = |n: &str| headers.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
        let connection = get("connection").unwrap_or_default().to_ascii_lowercase();
        let close = if http10 {
            !connection.contains("keep-alive")
        } else {
            connection.contains("close")
        };
        let chunked =
            get("transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
        if get("expect").is_some_and(|e| e.eq_ignore_ascii_case("100-continue")) {
            write_all(&mut self.stream, b"HTTP/1.1 100 Continue\r\n\r\n")
                .await
                .map_err(ReadError::Io)?;
        }
        let body = if chunked {
            let mut body = Vec::new();
            loop {
                let line = self.line().await?;
                let size_text = line.split(';').next().unwrap_or_default().trim();
                let size =
                    usize::from_str_radix(size_text, 16).map_err(|_| bad(400, "bad chunk size"))?;
                if body.len() + size > MAX_BODY {
                    return Err(bad(413, "request body too large"));
                }
                if size == 0 {
                    // Trailers, up to the blank line.
                    while !self.line().await?.is_empty() {}
                    break;
                }
                body.extend(self.take(size).await?);
                if !self.line().await?.is_empty() {
                    return Err(bad(400, "chunk not followed by CRLF"));
                }
            }
            body
        } else if let Some(len) = get("content-length") {
            let len: usize = len.parse().map_err(|_| bad(400, "bad Content-Length"))?;
            if len > MAX_BODY {
                return Err(bad(413, "request body too large"));
            }
            self.take(len).await?
        } else {
            Vec::new()
        };
        Ok(Request {
            method: method.to_string(),
            path: path.to_string(),
            query: query.to_string(),
            headers,
            body,
            close,
        })
    }

    /// Writes a response; `close` adds `Connection: close`.
    pub async fn write_response(&mut self, resp: &Response, close: bool) -> io::Result<()> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\n",
            resp.status,
            reason_phrase(resp.status)
        );
        for (name, value) in &resp.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n", resp.body.len()));
        if close {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        let mut out = head.into_bytes();
        if resp.body.len() < 64 * 1024 {
            out.extend_from_slice(&resp.body);
            write_all(&mut self.stream, &out).await
        } else {
            write_all(&mut self.stream, &out).await?;
            write_all(&mut self.stream, &resp.body).await
        }
    }

    /// Sends TLS close_notify / FIN.
    pub async fn shutdown(&mut self) {
        let _ = tokio::time::timeout(
            Duration::from_secs(1),
            poll_fn(|cx| Pin::new(&mut self.stream).poll_shutdown(cx)),
        )
        .await;
    }
}

/// The standard reason phrase.
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        409 => "Conflict",
        410 => "Gone",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        _ => "Status",
    }
}
