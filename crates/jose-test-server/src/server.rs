//! The server: 127.0.0.1, a thread and a tokio runtime of its own, scripted answers per path.

use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::io;
use std::net::{SocketAddr, TcpListener as StdListener};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::Answer;

/// What is scripted and counted for one path.
#[derive(Default)]
struct Route {
    /// One-shot answers, served first, in order.
    queue: VecDeque<Answer>,
    /// The answer once the queue is empty (`404` when none).
    standing: Option<Answer>,
    /// Requests received.
    hits: usize,
    /// Requests answered with `304 Not Modified`.
    not_modified: usize,
}

#[derive(Default)]
struct Routes(Mutex<HashMap<String, Route>>);

impl Routes {
    fn with<T>(&self, f: impl FnOnce(&mut HashMap<String, Route>) -> T) -> T {
        f(&mut self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// A scripted HTTP (or HTTPS) server on 127.0.0.1; see the crate docs. Stops when dropped.
pub struct TestServer {
    addr: SocketAddr,
    scheme: &'static str,
    ca_pem: Option<String>,
    routes: Arc<Routes>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl TestServer {
    /// A plain HTTP server on `127.0.0.1` and a free port.
    ///
    /// # Errors
    ///
    /// When no port can be bound or the thread cannot start.
    pub fn http() -> io::Result<Self> {
        Self::start(None)
    }

    /// An HTTPS server on `127.0.0.1` and a free port, with a certificate (for `127.0.0.1`
    /// and `localhost`) issued by a fresh test CA: trust [`Self::ca_pem`] to reach it.
    ///
    /// # Errors
    ///
    /// When the certificates cannot be made, no port can be bound or the thread cannot start.
    pub fn https() -> io::Result<Self> {
        let (ca_pem, config) = crate::tls::test_ca()?;
        let mut server = Self::start(Some(tokio_rustls::TlsAcceptor::from(config)))?;
        server.ca_pem = Some(ca_pem);
        Ok(server)
    }

    fn start(tls: Option<tokio_rustls::TlsAcceptor>) -> io::Result<Self> {
        let listener = StdListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let routes = Arc::new(Routes::default());
        let (stop, stopped) = oneshot::channel();
        let scheme = if tls.is_some() { "https" } else { "http" };
        let served = Arc::clone(&routes);
        let thread = std::thread::Builder::new()
            .name(format!("test-server-{}", addr.port()))
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = TcpListener::from_std(listener) else {
                        return;
                    };
                    tokio::select! {
                        () = accept_loop(listener, served, tls) => {}
                        _ = stopped => {}
                    }
                });
                // Dropping the runtime ends every connection, hanging ones included.
            })?;
        Ok(Self {
            addr,
            scheme,
            ca_pem: None,
            routes,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The URL of `path` on this server (`http://127.0.0.1:PORT/path`, or `https://…`).
    pub fn url(&self, path: &str) -> String {
        format!("{}://{}{path}", self.scheme, self.addr)
    }

    /// The server's address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The test CA's certificate (PEM) of an HTTPS server; `None` for plain HTTP.
    pub fn ca_pem(&self) -> Option<&str> {
        self.ca_pem.as_deref()
    }

    /// Answers every request for `path` with `answer` (after any queued one-shot answers).
    pub fn set(&self, path: &str, answer: Answer) {
        self.routes
            .with(|routes| routes.entry(path.to_owned()).or_default().standing = Some(answer));
    }

    /// Queues `answer` for the next request for `path` that finds no earlier queued answer.
    pub fn push(&self, path: &str, answer: Answer) {
        self.routes.with(|routes| {
            routes
                .entry(path.to_owned())
                .or_default()
                .queue
                .push_back(answer)
        });
    }

    /// How many requests for `path` the server has received.
    pub fn hits(&self, path: &str) -> usize {
        self.routes
            .with(|routes| routes.get(path).map_or(0, |route| route.hits))
    }

    /// How many requests for `path` the server answered with `304 Not Modified`.
    pub fn not_modified(&self, path: &str) -> usize {
        self.routes
            .with(|routes| routes.get(path).map_or(0, |route| route.not_modified))
    }

    /// The next answer for `path`, counting the request.
    fn answer(routes: &Routes, path: &str) -> Option<Answer> {
        routes.with(|routes| {
            let route = routes.entry(path.to_owned()).or_default();
            route.hits += 1;
            route.queue.pop_front().or_else(|| route.standing.clone())
        })
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl std::fmt::Debug for TestServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestServer")
            .field("url", &self.url(""))
            .finish_non_exhaustive()
    }
}

async fn accept_loop(
    listener: TcpListener,
    routes: Arc<Routes>,
    tls: Option<tokio_rustls::TlsAcceptor>,
) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let routes = Arc::clone(&routes);
        let tls = tls.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let routes = Arc::clone(&routes);
                async move { Ok::<_, Infallible>(respond(&routes, request).await) }
            });
            let http = hyper::server::conn::http1::Builder::new();
            match tls {
                Some(acceptor) => {
                    if let Ok(stream) = acceptor.accept(stream).await {
                        let _ = http.serve_connection(TokioIo::new(stream), service).await;
                    }
                }
                None => {
                    let _ = http.serve_connection(TokioIo::new(stream), service).await;
                }
            }
        });
    }
}

async fn respond(routes: &Routes, request: Request<Incoming>) -> Response<Full<Bytes>> {
    let Some(answer) = TestServer::answer(routes, request.uri().path()) else {
        return plain(StatusCode::NOT_FOUND);
    };
    if answer.hang {
        std::future::pending::<()>().await;
    }
    if !answer.delay.is_zero() {
        tokio::time::sleep(answer.delay).await;
    }
    let request_header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
    };
    let not_modified = answer.status == 200
        && (matches!((request_header("if-none-match"), answer.header_value("etag")),
                (Some(sent), Some(etag)) if sent == etag)
            || matches!((request_header("if-modified-since"), answer.header_value("last-modified")),
                (Some(sent), Some(date)) if sent == date));
    let (status, body) = if not_modified {
        routes.with(|routes| {
            if let Some(route) = routes.get_mut(request.uri().path()) {
                route.not_modified += 1;
            }
        });
        (StatusCode::NOT_MODIFIED, Bytes::new())
    } else {
        (
            StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            answer.body.clone(),
        )
    };
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    for (name, value) in &answer.headers {
        if let (Ok(name), Ok(value)) = (
            hyper::header::HeaderName::from_bytes(name.as_bytes()),
            hyper::header::HeaderValue::from_str(value),
        ) {
            response.headers_mut().append(name, value);
        }
    }
    response
}

fn plain(status: StatusCode) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = status;
    response
}
