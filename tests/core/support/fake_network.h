// Test doubles for the core's injected collaborators: a scripted Transport and a manual
// Scheduler whose clock only moves when the test says so.
#pragma once

#include "core/github/transport.h"

#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace releasedesk::testing {

class ManualScheduler final : public Scheduler {
 public:
  explicit ManualScheduler(std::chrono::system_clock::time_point start =
                               std::chrono::system_clock::time_point(std::chrono::seconds(1'790'000'000)))
      : now_(start) {}

  std::chrono::system_clock::time_point now() const override { return now_; }
  void post(std::chrono::milliseconds delay, std::function<void()> task) override {
    tasks_.push_back({now_ + delay, std::move(task)});
  }

  // Runs every task that is due, including tasks those tasks post for now.
  void runDue() {
    for (bool ran = true; ran;) {
      ran = false;
      for (auto it = tasks_.begin(); it != tasks_.end(); ++it) {
        if (it->due <= now_) {
          auto task = std::move(it->task);
          tasks_.erase(it);
          task();
          ran = true;
          break;
        }
      }
    }
  }

  // Moves the clock to each pending task in turn and runs it, until nothing is left.
  void runAll() {
    runDue();
    while (!tasks_.empty()) {
      auto earliest = tasks_.front().due;
      for (const auto& t : tasks_) earliest = std::min(earliest, t.due);
      now_ = std::max(now_, earliest);
      runDue();
    }
  }

  void advance(std::chrono::milliseconds by) { setNow(now_ + by); }
  void setNow(std::chrono::system_clock::time_point now) {
    now_ = now;
    runDue();
  }

  std::size_t pending() const { return tasks_.size(); }

 private:
  struct Task {
    std::chrono::system_clock::time_point due;
    std::function<void()> task;
  };
  std::chrono::system_clock::time_point now_;
  std::vector<Task> tasks_;
};

// Answers requests from a script, in order, through the scheduler (never inside send()).
class ScriptedTransport final : public Transport {
 public:
  explicit ScriptedTransport(Scheduler& scheduler) : scheduler_(scheduler) {}

  void respond(int status, std::string body, HttpHeaders headers = {}) {
    TransportReply reply;
    reply.response = {status, std::move(headers), std::move(body)};
    replies_.push_back(std::move(reply));
  }
  void fail(TransportFailure failure, std::string detail = "test") {
    TransportReply reply;
    reply.failure = failure;
    reply.failureDetail = std::move(detail);
    replies_.push_back(std::move(reply));
  }
  // A connection refused or a host not found.
  void failUnreachable(std::string detail) {
    fail(TransportFailure::Network, std::move(detail));
    replies_.back().unreachable = true;
  }

  void send(HttpRequest request, Completion done) override {
    requests.push_back(request);
    TransportReply reply;
    if (replies_.empty()) {
      reply.response = {599, {}, "no scripted reply left"};
    } else {
      reply = std::move(replies_.front());
      replies_.pop_front();
    }
    scheduler_.post(std::chrono::milliseconds(0), [done = std::move(done), reply = std::move(reply)] { done(reply); });
  }

  std::size_t unused() const { return replies_.size(); }

  std::vector<HttpRequest> requests;

 private:
  Scheduler& scheduler_;
  std::deque<TransportReply> replies_;
};

}  // namespace releasedesk::testing
