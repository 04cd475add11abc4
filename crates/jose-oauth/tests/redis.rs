//! The Redis replay store against a real `redis-server`, started by each test on
//! 127.0.0.1 on a free port, and stopped when the test ends.
//!
//! `redis-server` must be installed (`.ci/run` installs it). Without it these tests fail,
//! saying so; set `JOSE_SKIP_REDIS_TESTS=1` to skip them instead (with a loud notice).
#![cfg(feature = "redis")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use jose_jwk::{EcCurve, Jwk, KeySpec};
use jose_jws::JwsAlgorithm;
use jose_oauth::{DpopKey, DpopRequest, DpopVerifier, RedisReplayStore, ReplayStore};
use tokio::time::timeout;

/// A `redis-server` on 127.0.0.1, killed on drop.
struct RedisServer {
    child: Child,
    port: u16,
}

impl RedisServer {
    /// Starts a server on a free port, or `None` (after a loud notice) when there is no
    /// `redis-server` and `JOSE_SKIP_REDIS_TESTS` allows skipping.
    fn start() -> Option<Self> {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        Self::start_on(port)
    }

    fn start_on(port: u16) -> Option<Self> {
        let binary = std::env::var("REDIS_SERVER").unwrap_or_else(|_| "redis-server".into());
        let spawned = Command::new(&binary)
            .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
            .args([
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "yes",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let child = match spawned {
            Ok(child) => child,
            Err(e) if std::env::var_os("JOSE_SKIP_REDIS_TESTS").is_some() => {
                eprintln!(
                    "\n!!! SKIPPED: `{binary}` could not be started ({e}); the Redis replay-store \
                     tests did NOT run (JOSE_SKIP_REDIS_TESTS is set) !!!\n"
                );
                return None;
            }
            Err(e) => panic!(
                "`{binary}` could not be started ({e}): install redis-server (apt-get install \
                 redis-server; .ci/run does), or set JOSE_SKIP_REDIS_TESTS=1 to skip these tests"
            ),
        };
        let mut server = Self { child, port };
        // Bounded: at most 10 s to listen.
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("redis-server exited at start: {status}");
            }
            assert!(
                Instant::now() < deadline,
                "redis-server did not listen within 10 s"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        // Listening, and it is ours: a server that lost the port to another exits.
        std::thread::sleep(Duration::from_millis(50));
        if let Ok(Some(status)) = server.child.try_wait() {
            panic!("redis-server exited (port {port} taken?): {status}");
        }
        Some(server)
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}

const LIMIT: Duration = Duration::from_secs(20);
const URI: &str = "https://resource.example.org/protectedresource";

fn dpop_key() -> DpopKey {
    DpopKey::new(
        &Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap(),
        JwsAlgorithm::ES256,
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_verifiers_racing_on_one_proof_exactly_one_wins() {
    let Some(server) = RedisServer::start() else {
        return;
    };
    timeout(LIMIT, async {
        // Two instances of a service: two verifiers, two connections to one Redis.
        let a = RedisReplayStore::connect(&server.url()).await.unwrap();
        let b = RedisReplayStore::connect(&server.url()).await.unwrap();
        let verifier = DpopVerifier::new([JwsAlgorithm::ES256]).unwrap();
        let key = dpop_key();
        for round in 0..50 {
            let proof = key.proof("GET", URI).sign().unwrap();
            let request = DpopRequest::new("GET", URI);
            let (va, vb) = (verifier.clone(), verifier.clone());
            let (pa, pb) = (proof.clone(), proof.clone());
            let (sa, sb) = (a.clone(), b.clone());
            let ta = tokio::spawn(async move { va.verify(&pa, &request, &sa).await });
            let tb = tokio::spawn(async move { vb.verify(&pb, &request, &sb).await });
            let (ra, rb) = (ta.await.unwrap(), tb.await.unwrap());
            let wins = usize::from(ra.is_ok()) + usize::from(rb.is_ok());
            assert_eq!(wins, 1, "round {round}: {ra:?} / {rb:?}");
            let loser = ra.err().or(rb.err()).unwrap();
            assert_eq!(loser.code(), "ERR_OAUTH_REPLAYED", "round {round}");
        }
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn expiry_frees_the_jti() {
    let Some(server) = RedisServer::start() else {
        return;
    };
    timeout(LIMIT, async {
        let store = RedisReplayStore::connect(&server.url())
            .await
            .unwrap()
            .prefix("t:");
        let ttl = Duration::from_millis(200);
        assert!(store.insert_if_absent("jti-1", ttl).await.unwrap());
        assert!(!store.insert_if_absent("jti-1", ttl).await.unwrap());
        assert!(store.contains("jti-1").await.unwrap());
        assert!(!store.contains("jti-2").await.unwrap());
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert!(!store.contains("jti-1").await.unwrap());
        assert!(store.insert_if_absent("jti-1", ttl).await.unwrap());
        // A zero TTL still records the key (PX 1), never "forever" or an error.
        assert!(
            store
                .insert_if_absent("jti-0", Duration::ZERO)
                .await
                .unwrap()
        );
        // Prefixes keep stores apart.
        let other = RedisReplayStore::connect(&server.url())
            .await
            .unwrap()
            .prefix("u:");
        assert!(other.insert_if_absent("jti-1", ttl).await.unwrap());
        assert!(format!("{other:?}").contains("u:"));
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn a_restarting_server_fails_closed() {
    let Some(mut server) = RedisServer::start() else {
        return;
    };
    let port = server.port;
    timeout(LIMIT, async {
        let store = RedisReplayStore::connect(&server.url()).await.unwrap();
        let verifier = DpopVerifier::new([JwsAlgorithm::ES256]).unwrap();
        let key = dpop_key();
        let request = DpopRequest::new("GET", URI);
        let proof = key.proof("GET", URI).sign().unwrap();
        assert!(verifier.verify(&proof, &request, &store).await.is_ok());

        server.stop();
        // Down: every proof is refused with a clear error, none accepted.
        for _ in 0..3 {
            let fresh = key.proof("GET", URI).sign().unwrap();
            let e = verifier.verify(&fresh, &request, &store).await.unwrap_err();
            assert_eq!(e.code(), "ERR_OAUTH_REPLAY_STORE_UNAVAILABLE", "{e}");
            assert!(e.to_string().contains("refused"), "{e}");
            let e = store.contains("x").await.unwrap_err();
            assert_eq!(e.code(), "ERR_OAUTH_REPLAY_STORE_UNAVAILABLE");
        }
        let e = RedisReplayStore::connect(&server.url()).await.unwrap_err();
        assert_eq!(e.code(), "ERR_OAUTH_REPLAY_STORE_UNAVAILABLE");

        // Back (empty, as a restarted server without persistence is): the old connection
        // still refuses rather than pretend; a new one works.
        let restarted = RedisServer::start_on(port).expect("redis-server restarts");
        let fresh = key.proof("GET", URI).sign().unwrap();
        assert!(verifier.verify(&fresh, &request, &store).await.is_err());
        let store = RedisReplayStore::connect(&restarted.url()).await.unwrap();
        assert!(verifier.verify(&fresh, &request, &store).await.is_ok());
        assert_eq!(
            verifier
                .verify(&fresh, &request, &store)
                .await
                .unwrap_err()
                .code(),
            "ERR_OAUTH_REPLAYED"
        );
        drop(restarted);
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn a_bad_url_is_an_error() {
    let e = RedisReplayStore::connect("not a url").await.unwrap_err();
    assert_eq!(e.code(), "ERR_OAUTH_REPLAY_STORE_UNAVAILABLE");
}
