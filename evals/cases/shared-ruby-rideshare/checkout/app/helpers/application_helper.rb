require "pyroscope"

# Vehicle search for the ride-sharing demo: every search burns CPU in a loop for a while.
module ApplicationHelper
  # Stands in for waiting on a lock: a busy loop ten times as long as a search.
  def mutex_lock(n)
    i = 0
    start_time = Time.new
    # Time#- is ActiveSupport's minus_with_coercion here: two allocations per turn.
    while Time.new - start_time < n * 10
      i += 1
    end
  end

  def check_driver_availability(n)
    i = 0
    start_time = Time.new
    while Time.new - start_time < n / 2
      i += 1
    end

    # Every four minutes requests in the eu-north region wait for the "lock" as well, to show
    # how a regional slowdown looks in the flame graph.
    current_time = Time.now
    force_mutex_lock = (current_time.min * 4 % 8).zero?

    mutex_lock(n) if ENV["REGION"] == "eu-north" && force_mutex_lock
  end

  # The search, tagged with the vehicle kind: n seconds of busy loop, plus a driver check for cars.
  def find_nearest_vehicle(n, vehicle)
    Pyroscope.tag_wrapper({ "vehicle" => vehicle }) do
      i = 0
      start_time = Time.new
      while Time.new - start_time < n
        i += 1
      end
      check_driver_availability(n) if vehicle == "car"
    end
  end
end
